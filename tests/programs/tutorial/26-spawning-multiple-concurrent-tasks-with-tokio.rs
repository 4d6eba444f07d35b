use tokio::task;

#[tokio::main]
async fn main() {
    let mut handles = vec![];

    for i in 1..=3 {
        let handle = task::spawn(async move {
            println!("Task {} is running", i);
            i * 10
        });
        handles.push(handle);
    }

    for handle in handles {
        let result = handle.await.unwrap();
        println!("Task returned: {}", result);
    }
}

use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let mut handles = Vec::new();
    for i in 0..10 {
        handles.push(tokio::spawn(async move {
            sleep(Duration::from_millis(100)).await;
            println!("Task {} done", i);
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    println!("All tasks done");
}

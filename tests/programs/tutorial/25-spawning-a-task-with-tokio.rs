use tokio::task;

#[tokio::main]
async fn main() {
    let handle = task::spawn(async {
        println!("Running inside a Tokio task");
        42
    });

    let result = handle.await.unwrap();
    println!("Task returned: {}", result);
}

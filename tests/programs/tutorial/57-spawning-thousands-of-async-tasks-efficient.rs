use tokio::task;

#[tokio::main]
async fn main() {
    for i in 0..10_000 {
        task::spawn(async move {
            println!("Task {} running", i);
        });
    }

    // Allow spawned tasks to complete
    tokio::time::sleep(tokio::time::Duration::from_secs(1)).await;
}

use tokio::time::{sleep, Duration};

async fn long_task() {
    println!("Starting long task...");
    sleep(Duration::from_secs(5)).await;
    println!("This will not be printed if cancelled");
}

#[tokio::main]
async fn main() {
    let handle = tokio::spawn(long_task());

    sleep(Duration::from_secs(1)).await;
    println!("Cancelling the task...");
    drop(handle); // Cancel the task
}

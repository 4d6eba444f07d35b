use tokio::time::{sleep, timeout, Duration};

async fn long_task() -> &'static str {
    sleep(Duration::from_secs(3)).await;
    "finished"
}

#[tokio::main]
async fn main() {
    match timeout(Duration::from_secs(1), long_task()).await {
        Ok(msg) => println!("Success: {}", msg),
        Err(_) => println!("Timed out!"),
    }
}

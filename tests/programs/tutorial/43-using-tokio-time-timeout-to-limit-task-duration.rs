use tokio::time::{sleep, Duration, timeout};

async fn slow_operation() -> &'static str {
    sleep(Duration::from_secs(3)).await;
    "Completed"
}

#[tokio::main]
async fn main() {
    let result = timeout(Duration::from_secs(1), slow_operation()).await;

    match result {
        Ok(msg) => println!("Success: {}", msg),
        Err(_) => eprintln!("Timed out!"),
    }
}

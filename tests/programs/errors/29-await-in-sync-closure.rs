use tokio::time::{sleep, Duration};

#[tokio::main]
async fn main() {
    let f = || sleep(Duration::from_millis(10)).await;
}

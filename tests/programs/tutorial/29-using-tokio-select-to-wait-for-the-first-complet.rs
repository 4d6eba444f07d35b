use tokio::time::{sleep, Duration};
use tokio::select;

async fn slow_task() -> &'static str {
    sleep(Duration::from_secs(3)).await;
    "slow result"
}

async fn fast_task() -> &'static str {
    sleep(Duration::from_secs(1)).await;
    "fast result"
}

#[tokio::main]
async fn main() {
    let result = select! {
        res = slow_task() => res,
        res = fast_task() => res,
    };

    println!("First completed: {}", result);
}

use tokio::time::{sleep, Duration};

async fn slow_source() -> &'static str {
    sleep(Duration::from_secs(3)).await;
    println!("Slow source answered");
    "slow"
}

async fn fast_source() -> &'static str {
    sleep(Duration::from_secs(1)).await;
    println!("Fast source answered");
    "fast"
}

#[tokio::main]
async fn main() {
    let winner = tokio::select! {
        v = slow_source() => v,
        v = fast_source() => v,
    };
    println!("First completed: {}", winner);
}

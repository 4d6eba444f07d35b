use tokio::time::{sleep, Duration};

async fn delayed_message() {
    sleep(Duration::from_secs(2)).await;
    println!("Finished waiting!");
}

#[tokio::main]
async fn main() {
    println!("Start...");
    delayed_message().await;
    println!("Done.");
}

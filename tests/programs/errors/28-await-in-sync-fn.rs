use tokio::time::{sleep, Duration};

fn pause() {
    sleep(Duration::from_millis(10)).await;
}

#[tokio::main]
async fn main() {
    pause();
}

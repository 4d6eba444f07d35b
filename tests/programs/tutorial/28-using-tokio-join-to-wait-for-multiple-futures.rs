use tokio::time::{sleep, Duration};
use tokio::join;

async fn fetch_user() -> &'static str {
    sleep(Duration::from_secs(1)).await;
    "user123"
}

async fn fetch_settings() -> &'static str {
    sleep(Duration::from_secs(2)).await;
    "dark_mode=true"
}

#[tokio::main]
async fn main() {
    let (user, settings) = join!(fetch_user(), fetch_settings());
    println!("User: {}, Settings: {}", user, settings);
}

use tokio::time::{sleep, Duration};
use tokio::join;

async fn fetch_temperature() -> i32 {
    sleep(Duration::from_secs(2)).await;
    println!("Temperature fetched");
    72
}

async fn fetch_humidity() -> u32 {
    sleep(Duration::from_secs(1)).await;
    println!("Humidity fetched");
    55
}

#[tokio::main]
async fn main() {
    let (temp, humidity) = join!(fetch_temperature(), fetch_humidity());

    println!("Weather report: {}°F, {}% humidity", temp, humidity);
}

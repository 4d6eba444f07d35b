//! Sequential awaits
//!
//! Two awaits in a row take the sum of their times.
//!
//! Each .await waits for its future to finish before the next line runs. Fetching the temperature (2 s) and then
//! the humidity (1 s) one after the other takes 3 s: while the first sleep is pending the second fetch has not
//! even been created, let alone polled. Compare with the join scenario.
//!
//! Group: basics

use tokio::time::{sleep, Duration};

const TEMPERATURE_MS: u64 = 2000; // param 0..=600000 ms: how long fetch_temperature sleeps
const HUMIDITY_MS: u64 = 1000; // param 0..=600000 ms: how long fetch_humidity sleeps

async fn fetch_temperature() -> u32 {
    sleep(Duration::from_millis(TEMPERATURE_MS)).await;
    println!("Temperature fetched");
    72
}

async fn fetch_humidity() -> u32 {
    sleep(Duration::from_millis(HUMIDITY_MS)).await;
    println!("Humidity fetched");
    40
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let temp = fetch_temperature().await;
    let humidity = fetch_humidity().await;
    println!("Weather report: {}°F, {}% humidity", temp, humidity);
}

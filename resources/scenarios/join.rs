//! join! runs futures concurrently
//!
//! join! of a 2 s and a 1 s future takes 2 s, not 3 s.
//!
//! tokio::join! polls both futures inside the same task. When the task is woken it polls every future that is not
//! finished yet; each one that is still waiting returns Pending again. Both sleeps run at the same time, so the
//! humidity arrives after 1 s, the temperature after 2 s, and the report is printed at 2 s. No new task is
//! spawned: the two futures are arms of main's join.
//!
//! Group: composition

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
    let (temp, humidity) = tokio::join!(fetch_temperature(), fetch_humidity());
    println!("Weather report: {}°F, {}% humidity", temp, humidity);
}

//! Errors in tasks: Err vs panic
//!
//! One task returns Err (a normal result), another panics: awaiting its handle gives a JoinError.
//!
//! An error returned by a task is just its result: the task completes normally and the JoinHandle gives back
//! Ok(Err(..)) for the caller to handle. A panic is different: the task fails, the runtime catches the panic so
//! the worker survives, and awaiting the handle gives Err(JoinError), which names the task that panicked ("task 2
//! panicked": tokio numbers tasks from 1 as they are spawned). The panic's own message is the task's failure on
//! the timeline, where compiled Rust prints it on stderr.
//!
//! Group: cancellation

use tokio::time::{sleep, Duration};

const SENSOR_MS: u64 = 300; // param 0..=600000 ms: how long read_sensor takes
const CONFIG_MS: u64 = 600; // param 0..=600000 ms: how long parse_config takes

async fn read_sensor() -> Result<u32, String> {
    sleep(Duration::from_millis(SENSOR_MS)).await;
    Err("sensor unplugged".to_string())
}

async fn parse_config() -> u32 {
    sleep(Duration::from_millis(CONFIG_MS)).await;
    panic!("config file is corrupt");
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let sensor = tokio::spawn(read_sensor());
    let config = tokio::spawn(parse_config());

    match sensor.await {
        Ok(Ok(v)) => println!("Sensor: {}", v),
        Ok(Err(e)) => println!("Task returned an error: {}", e),
        Err(e) => println!("Join error: {}", e),
    }
    match config.await {
        Ok(v) => println!("Config: {}", v),
        Err(e) => println!("Join error: {}", e),
    }
}

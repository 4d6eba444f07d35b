//! Cancelling a task with a timer
//!
//! A 5-step task raced against a 2.5 s timer is dropped after step 3, in the middle of a sleep.
//!
//! select! polls the stepping task and the timer together. The task prints a step, then sleeps a second, three
//! times. At 2.5 s the timer is Ready, so select! drops the stepping task right where it is parked: inside its
//! third sleep. Nothing more of it runs, not even the rest of the loop; its timer is disarmed. Cancellation needs
//! no cooperation from the task: it happens at an await.
//!
//! Group: cancellation

use tokio::time::{sleep, Duration};

const STEP_MS: u64 = 1000; // param 0..=600000 ms: how long each step sleeps
const DEADLINE_MS: u64 = 2500; // param 0..=600000 ms: when the timer fires

async fn stepping_task() {
    for i in 1..=5 {
        println!("Working... step {}", i);
        sleep(Duration::from_millis(STEP_MS)).await;
    }
    println!("Task completed");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::select! {
        _ = stepping_task() => println!("The task finished first"),
        _ = sleep(Duration::from_millis(DEADLINE_MS)) => println!("Timer fired: the task is dropped"),
    }
}

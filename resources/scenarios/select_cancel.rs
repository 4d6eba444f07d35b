use tokio::time::{sleep, Duration};

async fn stepping_task() {
    for i in 1..=5 {
        println!("Working... step {}", i);
        sleep(Duration::from_secs(1)).await;
    }
    println!("Task completed");
}

#[tokio::main]
async fn main() {
    tokio::select! {
        _ = stepping_task() => println!("The task finished first"),
        _ = sleep(Duration::from_millis(2500)) => println!("Timer fired: the task is dropped"),
    }
}

use tokio::time::{sleep, Duration};

async fn poll_api() {
    loop {
        println!("Polling external API...");
        sleep(Duration::from_secs(5)).await;
    }
}

#[tokio::main]
async fn main() {
    tokio::spawn(poll_api());

    println!("App is doing other work...");
    sleep(Duration::from_secs(12)).await;
    println!("Main task done.");
}

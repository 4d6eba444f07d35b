use tokio::time::{sleep, Duration};

async fn ticker(name: &'static str) {
    for i in 1.. {
        sleep(Duration::from_millis(400)).await;
        println!("{} tick {}", name, i);
    }
}

#[tokio::main]
async fn main() {
    let detached = tokio::spawn(ticker("detached"));
    let aborted = tokio::spawn(ticker("aborted"));

    sleep(Duration::from_millis(1100)).await;
    drop(detached);
    aborted.abort();
    println!("Dropped one handle, aborted the other");

    sleep(Duration::from_millis(1100)).await;
    println!("main returns: the runtime drops every task left");
}

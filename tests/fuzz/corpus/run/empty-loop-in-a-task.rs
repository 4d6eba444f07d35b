use tokio::time::{interval, sleep, Duration};

#[tokio::main]
async fn main() {
    tokio::spawn(async {
        let mut ticker = interval(Duration::from_millis(300));
        loop {
              }
    });

    sleep(Duration::from_millis(1000)).await;
    println!("Main work done: the runtime shuts down and ler");
}

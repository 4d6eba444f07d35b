// tokio::time::interval: the first tick completes at once, then one every period; Instant::elapsed on the clock.
use tokio::time::{interval, Duration, Instant};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    let mut ticker = interval(Duration::from_millis(100));
    for i in 0..4 {
        ticker.tick().await;
        println!("tick {} at {} ms", i, start.elapsed().as_millis());
    }
}

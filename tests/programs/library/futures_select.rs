// futures::select! races fused, pinned futures (FutureExt::fuse, pin_mut!) and takes the first to finish; the
// other is dropped with the select.
use futures::{pin_mut, select, FutureExt};
use tokio::time::{sleep, Duration};

async fn slow() -> &'static str {
    sleep(Duration::from_millis(300)).await;
    println!("slow finished (never printed: it is dropped)");
    "slow"
}

async fn fast() -> &'static str {
    sleep(Duration::from_millis(100)).await;
    "fast"
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let a = slow().fuse();
    let b = fast().fuse();
    pin_mut!(a, b);
    let first = select! {
        x = a => x,
        y = b => y,
    };
    println!("first: {}", first);
    sleep(Duration::from_millis(500)).await;
    println!("done");
}

//! Futures are lazy
//!
//! Creating a future runs nothing; it is polled only when awaited: Pending once, then Ready.
//!
//! A Rust future does nothing until something polls it. main creates OnceMore, waits a second, and only then
//! awaits it: until that moment no line of OnceMore has run. Its first poll prints, asks its waker to wake the
//! task again, and returns Pending; the executor polls the task again and this time OnceMore returns Ready(42).
//! Every await in an async fn is this same poll/Pending/wake dance.
//!
//! Group: basics

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::time::{sleep, Duration};

const DELAY_MS: u64 = 1000; // param 0..=600000 ms: how long main waits before awaiting the future

struct OnceMore { polled: bool }

impl Future for OnceMore {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.polled {
            println!("Polled again: Ready");
            return Poll::Ready(42);
        }
        println!("First poll: Pending");
        self.polled = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let future = OnceMore { polled: false };
    println!("Future created; nothing has run yet");
    sleep(Duration::from_millis(DELAY_MS)).await;
    println!("Now awaiting it");
    let value = future.await;
    println!("Result: {}", value);
}

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

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

#[tokio::main]
async fn main() {
    let future = OnceMore { polled: false };
    println!("Future created; nothing has run yet");
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    println!("Now awaiting it");
    let value = future.await;
    println!("Result: {}", value);
}

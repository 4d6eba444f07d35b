use std::future::Future;use std::pin::Pin;
use std::task::{Context, Poll};
use futures::task::noop_waker;

struct DelayOnce {
    polled: bool,
}

impl Future for DelayOnce {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.polled {
            Poll::Ready("Ready after delay")
        } else {
            self.polled = true;
            Poll::Pending
        }
    }
}

fn main() {
    let mut delay = DelayOnce { polled: false };
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);

    // Pin inline to avoid moving
    println!("First poll: {:?}", Pin::new(&mut delay).poll(&mut cx));
    println!("Second poll: {:?}", Pin::new(&mut delay).poll(&mut cx));
}

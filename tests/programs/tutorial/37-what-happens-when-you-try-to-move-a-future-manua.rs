use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use futures::task::noop_waker;

struct MyFuture {
    polled: bool,
}

impl Future for MyFuture {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.polled {
            Poll::Ready("Already polled")
        } else {
            self.polled = true;
            Poll::Pending
        }
    }
}

fn main() {
    let mut fut = MyFuture { polled: false };

    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);

    // Pin each poll individually
    let _ = Pin::new(&mut fut).poll(&mut cx);
    let _ = Pin::new(&mut fut).poll(&mut cx);
}

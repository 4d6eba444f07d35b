use std::pin::Pin;
use std::task::{Context, Poll};
use std::future::Future;
use futures::task::noop_waker;

struct SimpleFuture;

impl Future for SimpleFuture {
    type Output = i32;

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        println!("Polling SimpleFuture");
        Poll::Ready(99)
    }
}

fn main() {
    let mut future = SimpleFuture;
    let waker = noop_waker();
    let mut ctx = Context::from_waker(&waker);

    let result = Pin::new(&mut future).poll(&mut ctx);
    println!("Poll result: {:?}", result);
}

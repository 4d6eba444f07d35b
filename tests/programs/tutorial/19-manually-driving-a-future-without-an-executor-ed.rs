use std::pin::Pin;
use std::task::{Context, Poll};
use std::future::Future;
use futures::task::noop_waker;

struct MyFuture;

impl Future for MyFuture {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        println!("Polling MyFuture...");
        Poll::Ready("Done")
    }
}

fn main() {
    let mut future = MyFuture;
    let waker = noop_waker();
    let mut ctx = Context::from_waker(&waker);
    let result = Pin::new(&mut future).poll(&mut ctx);
    println!("Poll result: {:?}", result);
}

use std::pin::Pin;
use std::task::{Context, Poll};
use std::future::Future;

struct ImmediateHello;

impl Future for ImmediateHello {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        println!("Hello from a custom future!");
        Poll::Ready(())
    }
}

fn main() {
    let mut future = ImmediateHello;
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);

    let _ = Pin::new(&mut future).poll(&mut cx);
}

use std::pin::Pin;
use std::future::Future;

async fn greet() {
    println!("Hello, pinned future!");
}

fn main() {
    let fut = greet(); // impl Future
    let _pinned: Pin<Box<dyn Future<Output = ()>>> = Box::pin(fut);
}

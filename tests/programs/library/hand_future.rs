// A hand-written future that stores its Waker, woken later by another task: Pending until the flag is set.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use tokio::time::{sleep, Duration};

struct Shared {
    done: bool,
    waker: Option<Waker>,
}

struct Flag {
    shared: Arc<Mutex<Shared>>,
}

impl Future for Flag {
    type Output = &'static str;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        let mut s = self.shared.lock().unwrap();
        if s.done {
            return Poll::Ready("flag set");
        }
        println!("pending: waker stored");
        s.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let shared = Arc::new(Mutex::new(Shared { done: false, waker: None }));
    let setter = shared.clone();
    tokio::spawn(async move {
        sleep(Duration::from_millis(200)).await;
        let mut s = setter.lock().unwrap();
        s.done = true;
        if let Some(w) = s.waker.take() {
            println!("waking the flag");
            w.wake();
        }
    });
    let got = Flag { shared }.await;
    println!("{}", got);
}

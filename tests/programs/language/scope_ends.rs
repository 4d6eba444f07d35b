// What a scope holds goes when the scope ends, whatever inside it refers to it: a permit borrowed by a reference,
// a permit beside a closure that uses the loop's variables, each released at the end of its loop pass. Closures
// and async blocks without `move` share the variables they use, so what they change is changed outside.
use std::sync::Arc;
use tokio::sync::Semaphore;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let sem = Arc::new(Semaphore::new(1));
    for i in 0..2 {
        let permit = sem.acquire().await.unwrap();
        let held = &permit;
        let _ = held;
        println!("pass {i}: {} left while held", sem.available_permits());
    }
    for i in 0..2 {
        let _permit = sem.acquire().await.unwrap();
        let show = || println!("closure pass {}: {} left", i, sem.available_permits());
        show();
    }
    println!("after the loops: {} left", sem.available_permits());

    let mut count = 0;
    let mut bump = || count += 5;
    bump();
    bump();
    println!("count {count}");

    let mut log = Vec::new();
    let label = String::from("shared");
    {
        let note = async {
            log.push(format!("{label} 1"));
            tokio::task::yield_now().await;
            log.push(format!("{label} 2"));
        };
        note.await;
    }
    println!("{:?} and {label} is still here", log);
}

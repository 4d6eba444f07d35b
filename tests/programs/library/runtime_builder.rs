// tokio::runtime: a synchronous main builds its runtime and blocks on a future; Runtime::spawn puts a task on it
// from outside, and block_on on its JoinHandle waits for it.
use tokio::runtime::Builder;
use tokio::time::{sleep, Duration};

fn main() {
    let rt = Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let handle = rt.spawn(async {
        sleep(Duration::from_millis(50)).await;
        println!("the spawned task ran");
        "spawned from outside"
    });
    let answer = rt.block_on(async {
        sleep(Duration::from_millis(100)).await;
        40 + 2
    });
    println!("block_on gave {}", answer);
    println!("{}", rt.block_on(handle).unwrap());
}

use std::thread;

fn expensive_work(n: u32) -> u64 {
    (0..n as u64).map(|x| x * x).sum()
}

fn main() {
    let handles: Vec<_> = (0..4).map(|i| {
        thread::spawn(move || {
            let result = expensive_work(1_000_000);
            println!("Thread {} result: {}", i, result);
        })
    }).collect();

    for handle in handles {
        handle.join().unwrap();
    }
}

// One workload per run, timed from the first spawn to the last join: `TASKS` tasks that each yield `YIELDS`
// times, on `WORKERS` workers of a multi_thread runtime, or on a current_thread runtime (`FLAVOR`).
// Usage: wakeline-bench-tokio TASKS YIELDS WORKERS multi_thread|current_thread   (prints the nanoseconds)
use std::time::Instant;

async fn yielder(yields: u32) {
    for _ in 0..yields {
        tokio::task::yield_now().await;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: {} TASKS YIELDS WORKERS multi_thread|current_thread", args[0]);
        std::process::exit(2);
    }
    let tasks: usize = args[1].parse().expect("TASKS");
    let yields: u32 = args[2].parse().expect("YIELDS");
    let workers: usize = args[3].parse().expect("WORKERS");
    let runtime = match args[4].as_str() {
        "current_thread" => tokio::runtime::Builder::new_current_thread().build(),
        _ => tokio::runtime::Builder::new_multi_thread().worker_threads(workers).build(),
    }
    .expect("runtime");
    let start = Instant::now();
    runtime.block_on(async move {
        let mut handles = Vec::with_capacity(tasks);
        for _ in 0..tasks {
            handles.push(tokio::spawn(yielder(yields)));
        }
        for h in handles {
            h.await.unwrap();
        }
    });
    println!("{}", start.elapsed().as_nanos());
}

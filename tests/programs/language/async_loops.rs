// Loops and blocks in async code: labels, break values and continue around awaits, an open range, shadowing, a
// block that binds nothing, and a permit that lives exactly as long as the loop pass that took it.
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::time::{sleep, Duration};

fn twice(x: i32) -> i32 {
    let x = x * 2;
    x
}

async fn first_square_over(limit: i32) -> i32 {
    let mut i = 0;
    loop {
        i += 1;
        tokio::task::yield_now().await;
        if i * i > limit {
            break i;
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let permits = Arc::new(Semaphore::new(2));
    for round in 0..3 {
        let _permit = permits.acquire().await.unwrap();
        println!("round {}: {} left", round, permits.available_permits());
    }
    println!("after: {} left", permits.available_permits());

    'outer: for i in 0..4 {
        for j in 0..4 {
            sleep(Duration::from_millis(1)).await;
            if j > i {
                continue 'outer;
            }
            if i + j == 5 {
                println!("stop at {} {}", i, j);
                break 'outer;
            }
        }
    }
    println!("{}", first_square_over(30).await);

    let x = 1;
    {
        sleep(Duration::from_millis(1)).await;
        println!("inner sees {}", x);
    }
    let x = twice(x);
    println!("shadowed {}", x);
    let mut n = 0;
    while n < 4 {
        n += 1;
        if n % 2 == 0 {
            continue;
        }
        tokio::task::yield_now().await;
        println!("odd {}", n);
    }
    let maybe: Option<i32> = None;
    if let Some(v) = maybe {
        println!("some {}", v);
    } else if let Some(w) = Some(x + 1) {
        sleep(Duration::from_millis(1)).await;
        println!("else some {}", w);
    }
    for _ in 0..2 {
        println!("tick");
    }
    for i in 5.. {
        sleep(Duration::from_millis(1)).await;
        if i % 2 == 0 {
            continue;
        }
        if i > 8 {
            println!("open range stops at {}", i);
            break;
        }
    }
}

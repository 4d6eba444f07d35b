// Items declared inside a function body: a const, a struct, an enum and a fn, used in the body, in a loop and in
// tasks spawned with `async move` (which reach them without capturing them).
#[tokio::main(flavor = "current_thread")]
async fn main() {
    const LIMIT: u32 = 3;
    #[derive(Debug)]
    enum Size {
        Small,
        Large(u32),
    }
    struct Point {
        x: u32,
    }
    fn triple(n: u32) -> u32 {
        n * 3
    }

    let mut handles = Vec::new();
    for i in 0..LIMIT {
        let p = Point { x: i };
        handles.push(tokio::spawn(async move {
            let q = Point { x: triple(p.x) };
            let size = if q.x > 3 { Size::Large(q.x) } else { Size::Small };
            println!("{} -> {} {:?} (limit {})", p.x, q.x, size, LIMIT);
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    let add = move |a: u32| a + LIMIT + triple(1);
    println!("{}", add(1));
}

// What `move` closures and async blocks take with them: the variables they use (format strings' inline
// arguments too), moved or copied; local fn items and Self, which are not variables, stay reachable; and a permit
// moved into a task is released when that task ends, not when the loop pass that spawned it does.
use std::sync::Arc;
use tokio::sync::Semaphore;

struct Greeter {
    greeting: String,
}

impl Greeter {
    fn shout(text: &str) -> String {
        text.to_uppercase()
    }

    async fn greet_all(&self, names: Vec<String>) {
        let greeting = self.greeting.clone();
        let mut handles = Vec::new();
        for name in names {
            let greeting = greeting.clone();
            handles.push(tokio::spawn(async move {
                let loud = Self::shout(&name);
                println!("{greeting}, {loud}!");
            }));
        }
        for handle in handles {
            handle.await.unwrap();
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    fn double(x: u32) -> u32 {
        x * 2
    }

    let mut handles = Vec::new();
    for i in 0..3 {
        let label = format!("task {i}");
        let width = 8;
        handles.push(tokio::spawn(async move {
            tokio::task::yield_now().await;
            println!("[{label:>width$}] doubled: {}", double(i));
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }

    let permits = Arc::new(Semaphore::new(2));
    let mut workers = Vec::new();
    for n in 0..2 {
        let permit = permits.clone().acquire_owned().await.unwrap();
        let seen = permits.clone();
        workers.push(tokio::spawn(async move {
            tokio::task::yield_now().await;
            println!("worker {n} holds a permit: {} left", seen.available_permits());
            drop(permit);
        }));
    }
    println!("spawned: {} left", permits.available_permits());
    for worker in workers {
        worker.await.unwrap();
    }
    println!("all done: {} left", permits.available_permits());

    let suffix = String::from("!");
    let exclaim = move |word: &str| format!("{word}{suffix}");
    println!("{}", exclaim("moved"));

    let greeter = Greeter { greeting: String::from("Hello") };
    greeter.greet_all(vec![String::from("ada"), String::from("linus")]).await;
}

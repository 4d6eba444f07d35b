use std::thread;

fn main() {
    let mut handles = vec![];

    for i in 0..1000 {
        let handle = thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(10));
        });
        handles.push(handle);
    }

    for handle in handles {
        handle.join().unwrap();
    }

    println!("Spawned 1000 threads.");
}

#[tokio::main]
async fn main() {
    match Some(2) {
        Some(n) => println!("{}", n),
        None => {}
    }
    println!("{}", n);
}

#[tokio::main]
async fn main() {
    match 3 {
        1 => println!("one")
        _ => println!("other"),
    }
}

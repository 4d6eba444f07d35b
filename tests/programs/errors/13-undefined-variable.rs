#[tokio::main]
async fn main() {
    println!("{}", count);
}

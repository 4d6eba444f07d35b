#[tokio::main]
async fn main() {
    let x = 5
    println!("{}", x);
}

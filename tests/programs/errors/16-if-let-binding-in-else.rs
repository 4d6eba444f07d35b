#[tokio::main]
async fn main() {
    if let Some(x) = Some(1) {
        println!("{}", x);
    } else {
        println!("{}", x);
    }
}

#[tokio::main]
async fn main() {
    {
        let inner = 1;
    }
    println!("{}", inner);
}

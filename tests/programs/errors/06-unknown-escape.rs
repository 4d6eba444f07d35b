#[tokio::main]
async fn main() {
    println!("tab\qhere");
}

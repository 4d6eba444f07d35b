#[tokio::main]
async fn main() {
    let s = 'hello';
}

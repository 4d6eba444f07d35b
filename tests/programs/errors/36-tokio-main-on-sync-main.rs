#[tokio::main]
fn main() {
    println!("hi");
}

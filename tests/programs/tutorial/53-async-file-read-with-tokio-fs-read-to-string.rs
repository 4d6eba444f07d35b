use tokio::fs;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let content = fs::read_to_string("example.txt").await?;
    println!("File contents:\n{}", content);
    Ok(())
}

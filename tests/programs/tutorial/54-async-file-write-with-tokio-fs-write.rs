use tokio::fs;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = "Log entry: async write successful!\n";
    fs::write("log.txt", data).await?;
    println!("Data written to log.txt");
    Ok(())
}

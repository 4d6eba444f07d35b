// tokio::fs in the run's own directory: write, read back (as text and as bytes), remove, and a NotFound error.
use tokio::fs;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let dir = std::env::temp_dir();
    let path = dir.join("notes.txt");
    fs::write(&path, "first line\nsecond line\n").await?;
    let text = fs::read_to_string(&path).await?;
    println!("{} lines", text.lines().count());
    let bytes = fs::read(&path).await?;
    println!("{} bytes", bytes.len());
    fs::remove_file(&path).await?;
    match fs::read_to_string(&path).await {
        Ok(_) => println!("still there"),
        Err(e) => println!("gone: {}", e),
    }
    Ok(())
}

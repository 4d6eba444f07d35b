use tokio::fs;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let dir = std::env::temp_dir();
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(dir.join(name), format!("contents of {}", name)).await?;
    }
    println!("Wrote 3 files");

    let (a, b, c) = tokio::join!(
        fs::read_to_string(dir.join("a.txt")),
        fs::read_to_string(dir.join("b.txt")),
        fs::read_to_string(dir.join("c.txt")),
    );
    println!("Read: {}, {}, {}", a?, b?, c?);
    Ok(())
}

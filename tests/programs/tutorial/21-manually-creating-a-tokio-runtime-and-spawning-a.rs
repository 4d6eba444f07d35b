use tokio::runtime::Runtime;

async fn compute() -> i32 {
    99
}

fn main() {
    let rt = Runtime::new().unwrap();

    let result = rt.block_on(async {
        let handle = tokio::spawn(async {
            compute().await
        });

        handle.await.unwrap()
    });

    println!("Computed: {}", result);
}
